"""Rules over the functions' Python code: taint flows (PY001-PY039), patterns (PY040-PY069)."""
