func.func private @external(tensor<?x3xf32>) -> tensor<?x3xf32>
