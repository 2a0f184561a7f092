extension Tensor {
    /// Reverse-mode differentiation from this tensor.
    ///
    /// Seeds the gradient with ones (or `gradient`), visits the recorded graph in reverse
    /// topological order and calls each op's backward. Gradients accumulate into `grad` of every
    /// tensor that requires one. The graph is freed afterwards (as PyTorch does), which releases
    /// the saved activations; call `backward` once per forward pass.
    public func backward(gradient: Tensor? = nil) {
        if let gradient {
            precondition(gradient.shape == shape, "backward: seed gradient shape \(gradient.shape) differs from tensor shape \(shape)")
            grad = gradient.detached()
        } else {
            precondition(count == 1, "backward: tensor of shape \(shape) is not a scalar; pass `gradient:`")
            grad = Tensor.full(shape, 1)
        }
        let order = topologicalOrder()
        for node in order.reversed() {
            guard let fn = node.backwardFn else { continue }
            if node.grad != nil { fn(node) }
            // Free the graph as we go: saved inputs and intermediate gradients are released.
            node.backwardFn = nil
            node.parents = []
            if node !== self { node.grad = nil }
        }
    }

    /// Nodes reachable from this one through recorded parents, parents before children.
    /// Iterative (graphs of deep models would overflow a recursive walk's stack).
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while let (node, next) = stack.popLast() {
            if next < node.parents.count {
                stack.append((node, next + 1))
                let p = node.parents[next]
                if p.backwardFn != nil, visited.insert(ObjectIdentifier(p)).inserted {
                    stack.append((p, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}
