/// Calling builtins: binding arguments to parameters, checking types, and running or planning.
extension Interpreter {
    func call(_ name: String, _ argumentExprs: [Argument], at location: SourceLocation, in scope: Scope) throws -> Value {
        guard let builtin = registry[name] else {
            if let binding = scope.lookup(name) {
                throw RxError(.type, "`\(name)` is a \(binding.value.typeName), not a builtin; only builtins can be called", at: location)
            }
            throw RxError(.unknownName, "unknown builtin `\(name)`\(Suggest.hint(name, in: registry.names))", at: location,
                          notes: ["`:help` in the REPL lists the builtins"])
        }
        let evaluated = try argumentExprs.map { ($0, try evaluate($0.value, in: scope)) }
        let (arguments, locations) = try bind(evaluated, to: builtin, at: location)
        let context = CallContext(builtin: name, location: location, arms: arms, stepPath: nextStepPath(for: name),
                                  isPlanning: options.plan, recipe: recipe, recipeSeed: recipeSeed(in: scope),
                                  recipePreset: scope.lookup("preset")?.value ?? globals.lookup("preset")?.value, write: output)
        let plannedInput = arguments.all.values.contains { $0.isPlanned }
        do {
            if options.plan, let step = builtin.step {
                if plannedInput {
                    let producers = arguments.all.values.compactMap { v -> String? in
                        if case .handle(let p as PlannedValue) = v { return p.producer } else { return nil }
                    }
                    let after = producers.isEmpty ? "its inputs" : producers.joined(separator: ", ")
                    recordPlan(StepPlan(.willRun, reasons: ["after \(after)"]), builtin: name, at: location)
                    return .handle(PlannedValue(typeName: builtin.returns.description, producer: "\(name) at \(location)"))
                }
                let plan = try step.plan(arguments, context)
                recordPlan(plan, builtin: name, at: location)
                return plan.value ?? .handle(PlannedValue(typeName: builtin.returns.description, producer: "\(name) at \(location)"))
            }
            if plannedInput && !builtin.acceptsPlanned {
                return .handle(PlannedValue(typeName: builtin.returns.description, producer: "\(name) at \(location)"))
            }
            return try builtin.body(arguments, context)
        } catch var error as RxError {
            if let step = builtin.step { error.context.append("in step \(step.kind) at \(location)") }
            throw error
        } catch let failure as BuiltinFailure {
            var error = RxError(builtin.step == nil ? .value : .step, "\(name): \(failure.message)",
                                at: failure.argument.flatMap { locations[$0] } ?? location)
            if let step = builtin.step { error.context.append("in step \(step.kind) at \(location)") }
            throw error
        } catch let failure as AssertionFailure {
            throw RxError(.assertion, "assertion failed: \(failure.message)", at: location)
        } catch {
            var wrapped = RxError(.step, "\(name) failed: \(error)", at: location)
            if let step = builtin.step { wrapped.context.append("in step \(step.kind) at \(location)") }
            throw wrapped
        }
    }

    /// Positional arguments fill parameters in order (a variadic one takes the rest), named
    /// ones go by name; then defaults fill the gaps and every value is type-checked.
    private func bind(_ given: [(Argument, Value)], to builtin: Builtin,
                      at location: SourceLocation) throws -> (Arguments, [String: SourceLocation]) {
        let parameters = builtin.parameters
        let signature = [builtin.signature]
        var values: [String: Value] = [:]
        var locations: [String: SourceLocation] = [:]
        var next = 0
        for (argument, value) in given {
            if let label = argument.label {
                guard let parameter = parameters.first(where: { $0.name == label }) else {
                    throw RxError(.argument, "\(builtin.name) has no parameter `\(label)`\(Suggest.hint(label, in: parameters.map(\.name)))",
                                  at: argument.location, notes: signature)
                }
                guard values[label] == nil, !parameter.variadic else {
                    throw RxError(.argument, "\(builtin.name): `\(label)` is given twice", at: argument.location, notes: signature)
                }
                values[label] = value
                locations[label] = argument.value.span
                continue
            }
            guard next < parameters.count else {
                throw RxError(.argument, "\(builtin.name) takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), got more",
                              at: argument.value.location, notes: signature)
            }
            let parameter = parameters[next]
            if parameter.variadic {
                if case .list(let items)? = values[parameter.name] { values[parameter.name] = .list(items + [value]) }
                else { values[parameter.name] = .list([value]) }
                locations[parameter.name] = locations[parameter.name] ?? argument.value.span
            } else {
                values[parameter.name] = value
                locations[parameter.name] = argument.value.span
                next += 1
            }
        }
        for parameter in parameters where values[parameter.name] == nil {
            if parameter.variadic { values[parameter.name] = .list([]); continue }
            guard let fallback = parameter.defaultValue else {
                throw RxError(.argument, "\(builtin.name): missing argument `\(parameter.name)` (\(parameter.type))",
                              at: location, notes: signature)
            }
            values[parameter.name] = fallback
        }
        for parameter in parameters {
            let value = values[parameter.name]!
            let type = parameter.variadic ? ValueType.list(parameter.type) : parameter.type
            if let why = type.mismatch(value) {
                throw RxError(.type, "\(builtin.name): argument `\(parameter.name)` \(why)",
                              at: locations[parameter.name] ?? location, notes: signature)
            }
        }
        let givenNames = Set(locations.keys)
        return (Arguments(builtin: builtin.name, values: values, given: givenNames), locations)
    }
}
