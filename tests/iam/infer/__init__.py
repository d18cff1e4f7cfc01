"""Tests of least-privilege policy inference (faasguard.iam.infer)."""
