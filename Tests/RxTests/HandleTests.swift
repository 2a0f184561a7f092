import XCTest
@testable import Rx

/// A handle as Lab's will be: a type name, a summary, an identity and readable fields.
private struct FakeModel: Handle {
    let id: String
    var typeName: String { "Model" }
    var summary: String { "light, run \(id)" }
    var identity: String { id }
    var fieldNames: [String] { ["run", "params"] }
    func field(_ name: String) -> Value? {
        switch name {
        case "run": return .string(id)
        case "params": return .number(260_000)
        default: return nil
        }
    }
}

final class HandleTests: XCTestCase {
    private func harness() -> Harness {
        let h = Harness()
        h.registry.register(Builtin("model", [Parameter("id", .string)], returns: .handle("Model"), doc: "A fake model.") { args, _ in
            .handle(FakeModel(id: try args.string("id")))
        })
        h.registry.register(Builtin("params", [Parameter("model", .handle("Model"))], returns: .number, doc: "Parameter count.") { args, _ in
            try args.handle("model", as: FakeModel.self).field("params") ?? .none
        })
        return h
    }

    func testHandlesPrintReadFieldsAndCompareByIdentity() throws {
        let h = harness()
        try h.run("""
        m = model("42")
        print(m)
        run = m.run
        p = params(m)
        same = m == model("42")
        other = m == model("43")
        """)
        XCTAssertEqual(h.printed, ["<Model light, run 42>"])
        XCTAssertEqual(h.value("run"), .string("42"))
        XCTAssertEqual(h.value("p"), .number(260_000))
        XCTAssertEqual(h.value("same"), .bool(true))
        XCTAssertEqual(h.value("other"), .bool(false))
    }

    func testHandleFieldTyposAndWrongHandleTypes() {
        let field = harness().error("m = model(\"1\")\nx = m.parms")
        XCTAssertEqual(field?.message, "a Model has no field `parms`; did you mean `params`?")
        XCTAssertEqual(field?.location?.description, "main.rx:2:7")
        let type = harness().error("x = params(\"model\")")
        XCTAssertEqual(type?.message, "params: argument `model` expected Model, got string \"model\"")
    }

    func testReplCompletesHandleFields() {
        let h = harness()
        let session = ReplSession(interpreter: h.interpreter, output: { _ in }, errors: { _ in })
        session.feed("m = model(\"7\")")
        XCTAssertEqual(session.completions(word: "m.p", line: "m.p"), ["m.params"])
    }
}
