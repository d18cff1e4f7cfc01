import math

SAFE_NAMES = {"sqrt": math.sqrt, "pi": math.pi}


def evaluate(expression):
    return eval(expression, {"__builtins__": {}}, SAFE_NAMES)
