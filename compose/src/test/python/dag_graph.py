"""Reads Airflow DAG files without importing Airflow and prints their task graphs as JSON.

Only the syntax tree (ast) is used: DAG(...) calls (plain or in a `with` block), module-level literals such as
default_args, task assignments `name = SomeOperator(task_id=..., ...)`, and dependencies written with `>>`, `<<`,
lists of tasks, `set_downstream` and `set_upstream`. A dependency on a name that is not a task is an error.

usage: python3 dag_graph.py FILE...   ->   {"dags": [{"dag_id", "file", "args", "tasks", "edges"}, ...]}
"""
import ast
import json
import sys


class DagFileError(Exception):
    pass


def value(node, names):
    """A JSON-able picture of an expression: literals as themselves, calls and other code structured or unparsed."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        return [value(e, names) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {value(k, names): value(v, names) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.Call):
        return {
            "call": ast.unparse(node.func),
            "args": [value(a, names) for a in node.args],
            "kwargs": {k.arg: value(k.value, names) for k in node.keywords if k.arg},
        }
    return {"expr": ast.unparse(node)}


def call_name(call):
    return ast.unparse(call.func).split(".")[-1]


def keywords(call, names):
    return {k.arg: value(k.value, names) for k in call.keywords if k.arg}


class DagFile:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.tree = ast.parse(f.read(), filename=path)
        self.names = {}
        self.dags = []

    def read(self):
        self.statements(self.tree.body, None)
        return self.dags

    def statements(self, body, dag):
        for stmt in body:
            if isinstance(stmt, ast.With):
                inner = dag
                for item in stmt.items:
                    if isinstance(item.context_expr, ast.Call) and call_name(item.context_expr) == "DAG":
                        inner = self.new_dag(item.context_expr)
                self.statements(stmt.body, inner)
            elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                self.assign_call(stmt, dag)
            elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                self.names[stmt.targets[0].id] = value(stmt.value, self.names)
            elif isinstance(stmt, ast.Expr) and dag is not None:
                self.dependency(stmt.value, dag)

    def new_dag(self, call):
        args = keywords(call, self.names)
        if "dag_id" not in args and call.args:
            args["dag_id"] = value(call.args[0], self.names)
        dag = {"dag_id": args.get("dag_id"), "file": self.path, "args": args, "tasks": [], "edges": [],
               "variables": {}}
        self.dags.append(dag)
        return dag

    def assign_call(self, stmt, dag):
        call = stmt.value
        target = stmt.targets[0]
        if call_name(call) == "DAG":
            self.new_dag(call)
            return
        args = keywords(call, self.names)
        if dag is None or "task_id" not in args or not isinstance(target, ast.Name):
            return
        task = {"task_id": args.pop("task_id"), "operator": call_name(call), "args": args}
        dag["tasks"].append(task)
        dag["variables"][target.id] = task["task_id"]

    def tasks_of(self, node, dag):
        if isinstance(node, ast.Name):
            if node.id not in dag["variables"]:
                raise DagFileError(f"{self.path}:{node.lineno}: '{node.id}' is not a task of DAG {dag['dag_id']}")
            return [dag["variables"][node.id]]
        if isinstance(node, (ast.List, ast.Tuple)):
            return [t for e in node.elts for t in self.tasks_of(e, dag)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.RShift, ast.LShift)):
            left = self.tasks_of(node.left, dag)
            right = self.tasks_of(node.right, dag)
            for a in left:
                for b in right:
                    dag["edges"].append([a, b] if isinstance(node.op, ast.RShift) else [b, a])
            return right  # as in Airflow: `a >> b` evaluates to b
        raise DagFileError(f"{self.path}:{node.lineno}: cannot read dependency '{ast.unparse(node)}'")

    def dependency(self, expr, dag):
        if isinstance(expr, ast.BinOp):
            self.tasks_of(expr, dag)
        elif (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
              and expr.func.attr in ("set_downstream", "set_upstream")):
            this = self.tasks_of(expr.func.value, dag)
            others = [t for a in expr.args for t in self.tasks_of(a, dag)]
            for a in this:
                for b in others:
                    dag["edges"].append([a, b] if expr.func.attr == "set_downstream" else [b, a])


def main(paths):
    dags = []
    for path in paths:
        for dag in DagFile(path).read():
            dag.pop("variables")
            dags.append(dag)
    json.dump({"dags": dags}, sys.stdout, indent=1, default=str)
    print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        main(sys.argv[1:])
    except (DagFileError, SyntaxError) as e:
        print(f"dag_graph: {e}", file=sys.stderr)
        sys.exit(1)
