from clinic_desktop.services.demo.builder import DemoError, generate_demo

__all__ = ["DemoError", "generate_demo"]
