import Foundation

/// The header facts of a PNG file, read from its signature and IHDR chunk.
struct PNGInfo: Equatable {
    let width: Int
    let height: Int
    let bitDepth: Int
    let colourType: Int

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Nil when the bytes are not a PNG whose first chunk is a 13-byte IHDR.
    init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(33))
        guard bytes.count == 33, Array(bytes[0..<8]) == PNGInfo.signature,
              bytes[8..<12] == [0, 0, 0, 13], String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        func bigEndian(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        width = bigEndian(16)
        height = bigEndian(20)
        bitDepth = Int(bytes[24])
        colourType = Int(bytes[25])
    }
}

/// Counts the frames of a GIF: image descriptors (0x2C) met while walking its block structure.
enum GIFInfo {
    static func frameCount(_ data: Data) -> Int? {
        let b = [UInt8](data)
        guard b.count > 13, String(decoding: b[0..<6], as: UTF8.self) == "GIF89a" else { return nil }
        var i = 13
        if b[10] & 0x80 != 0 { i += 3 << (Int(b[10] & 0x07) + 1) }  // global colour table
        var frames = 0
        func skipSubBlocks() { while i < b.count, b[i] != 0 { i += Int(b[i]) + 1 }; i += 1 }
        while i < b.count {
            switch b[i] {
            case 0x21: i += 2; skipSubBlocks()                         // extension
            case 0x2C:                                                 // image
                frames += 1
                let packed = b[i + 9]
                i += 10
                if packed & 0x80 != 0 { i += 3 << (Int(packed & 0x07) + 1) }
                i += 1                                                 // LZW minimum code size
                skipSubBlocks()
            case 0x3B: return frames                                   // trailer
            default: return nil
            }
        }
        return nil
    }
}
