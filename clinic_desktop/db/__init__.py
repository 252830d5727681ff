"""The SQLite layer: schema, migrations, engine, and the set-based reads the services build on.

Importing it turns SQLite's memory statistics off for the process (:mod:`.sqlite_memory`): that can only
happen before the first connection, and every connection the app makes is made after this package is
imported (by its engine, its readers, or the services and commands built on them).
"""

from clinic_desktop.db.sqlite_memory import memory_statistics_off

memory_statistics_off()
