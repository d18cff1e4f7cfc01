"""Infrastructure rules over the application model: one file per rule."""
