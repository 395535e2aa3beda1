"""huddle's entry points. Importing this package must not import Textual (headless commands)."""
