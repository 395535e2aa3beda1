"""What leaves huddle: minutes (one meeting or many) and the files they are written to."""
