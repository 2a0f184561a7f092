print("runner: under construction")
