import XCTest
@testable import Lab

final class NearestNameTests: XCTestCase {
    func testSuggestsCloseNamesOnly() {
        XCTAssertEqual(NearestName.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(NearestName.editDistance("lsit", "list"), 1)
        XCTAssertEqual(NearestName.suggest(for: "lsit", among: ["list", "show", "compare"]), "list")
        XCTAssertEqual(NearestName.suggest(for: "comp", among: ["list", "show", "compare"]), "compare")
        XCTAssertNil(NearestName.suggest(for: "zzzzzz", among: ["list", "show"]))
    }
}
