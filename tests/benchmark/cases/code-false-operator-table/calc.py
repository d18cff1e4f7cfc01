import operator

OPS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}


def apply(op, a, b):
    return OPS[op](float(a), float(b))
