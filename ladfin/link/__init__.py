"""What the words around figures say: flow, status, measure, roles, and one announcement per figure."""
