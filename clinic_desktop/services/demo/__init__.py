from clinic_desktop.services.demo.builder import DemoError, DemoSummary, generate_demo

__all__ = ["DemoError", "DemoSummary", "generate_demo"]
