import XCTest
@testable import MBench

final class MBenchJSONTests: XCTestCase {
    let sample = """
    [
      {"prompt": "A person jumps in place.", "dimension": "Jitter_Degree", "id": 3, "category": "sports", "motion_duration": 120},
      {"prompt": "a person waves", "dimension": "Motion_Condition_Consistency", "id": "mcc-7", "category": "daily",
       "motion_duration": 100, "auxiliary_info": ["sit", "run", "kick", "bow", "crawl", "swim", "clap", "spin", "hop"],
       "extra_key": "ignored"},
      {"prompt": "goose-stepping", "dimension": "Motion_Generalizability", "id": 12, "category": "rare", "motion_duration": null}
    ]
    """

    func testReadsOfficialEntries() throws {
        let prompts = try MBenchJSON.decodePrompts(Data(sample.utf8), fileName: "mbench.json")
        XCTAssertEqual(prompts.count, 3)
        XCTAssertEqual(prompts[0].dimension, .jitterDegree)
        XCTAssertEqual(prompts[0].id, .number(3))
        XCTAssertEqual(prompts[0].motionDuration, 120)
        XCTAssertEqual(prompts[1].id, .text("mcc-7"))
        XCTAssertEqual(prompts[1].auxiliaryInfo.count, 9)
        XCTAssertNil(prompts[2].motionDuration)
    }

    func testPromptsAndResultsRoundTrip() throws {
        let prompts = try MBenchJSON.decodePrompts(Data(sample.utf8), fileName: "mbench.json")
        XCTAssertEqual(try MBenchJSON.decodePrompts(MBenchJSON.encodePrompts(prompts), fileName: "x"), prompts)
        let results = [
            MBenchPromptResult(entry: prompts[0], score: 0.0123, generatedFrames: 100),
            MBenchPromptResult(entry: prompts[1], score: 1, judgeChoice: "a person waves"),
            MBenchPromptResult(entry: prompts[2], score: nil, status: .notApplicable),
        ]
        let data = try MBenchJSON.encodeResults(results)
        XCTAssertEqual(try MBenchJSON.decodeResults(data, fileName: "r.json"), results)
        // Written in the prompt layout: a results file is also a valid prompt list.
        XCTAssertEqual(try MBenchJSON.decodePrompts(data, fileName: "r.json"), prompts)
    }

    func testErrorsNameFileEntryAndKey() {
        func message(_ json: String) -> String {
            do { _ = try MBenchJSON.decodePrompts(Data(json.utf8), fileName: "p.json"); return "no error" }
            catch { return "\(error)" }
        }
        XCTAssertTrue(message(#"[{"prompt": "x", "dimension": "Jitter", "id": 1}]"#)
                        .hasPrefix("p.json: entry 0: 'dimension': 'Jitter' is not one of Jitter_Degree,"))
        XCTAssertEqual(message(#"[{"prompt": "x", "dimension": "Pose_Quality", "id": 1}, {"dimension": "Pose_Quality", "id": 2}]"#),
                       "p.json: entry 1: 'prompt': missing")
        XCTAssertEqual(message(#"[{"prompt": "x", "dimension": "Pose_Quality", "id": 1.5}]"#),
                       "p.json: entry 0: 'id': expected an integer or a string")
        XCTAssertEqual(message(#"[{"prompt": "x", "dimension": "Motion_Condition_Consistency", "id": 1}]"#),
                       "p.json: entry 0: 'auxiliary_info': a Motion_Condition_Consistency entry needs its distractor labels")
        XCTAssertEqual(message(#"{"prompt": "x"}"#), "p.json: expected a top-level array of prompt objects")
        XCTAssertTrue(message("[{").hasPrefix("p.json: not valid JSON"))
    }
}

final class MBenchWorldSuiteTests: XCTestCase {
    func testWorldSuitesKeepTheirActionIDs() throws {
        let json = #"[{"prompt": "shoot a basketball", "dimension": "Motion_Condition_Consistency", "id": 0, "category": "sports", "motion_duration": 99, "action_id": "shoot_basket", "auxiliary_info": ["a","b","c","d","e","f","g","h","i"]}]"#
        let prompts = try MBenchJSON.decodePrompts(Data(json.utf8), fileName: "consistency.json")
        XCTAssertEqual(prompts[0].actionID, "shoot_basket")
        XCTAssertEqual(try MBenchJSON.decodePrompts(MBenchJSON.encodePrompts(prompts), fileName: "x")[0].actionID, "shoot_basket")
    }
}
