import Foundation

/// A pinhole camera that follows a motion's root across the floor, looking at it from the
/// front-right and slightly above (the body faces +y at frame 0 in the canonical frame).
public struct StickFigureCamera: Sendable, Equatable {
    /// Degrees from +y towards +x around the vertical axis (0: straight in front).
    public var azimuthDegrees: Double
    /// Degrees above the horizon.
    public var elevationDegrees: Double
    /// Metres from the point looked at.
    public var distance: Double
    /// Height in metres of the point looked at (about a standing adult's mid-height).
    public var targetHeight: Double
    /// Vertical field of view in degrees.
    public var fieldOfViewDegrees: Double

    public init(azimuthDegrees: Double = 35, elevationDegrees: Double = 18, distance: Double = 4.8,
                targetHeight: Double = 0.85, fieldOfViewDegrees: Double = 30) {
        self.azimuthDegrees = azimuthDegrees
        self.elevationDegrees = elevationDegrees
        self.distance = distance
        self.targetHeight = targetHeight
        self.fieldOfViewDegrees = fieldOfViewDegrees
    }

    /// The default view: a 1.8 m figure fills about two thirds of the frame height.
    public static let standard = StickFigureCamera()
}

/// The camera placed at one frame: projects world points to the image plane (tan units:
/// x right, y up, the centre of view at the origin).
struct CameraPose {
    let eye: SIMD3<Double>
    let right: SIMD3<Double>
    let up: SIMD3<Double>
    let forward: SIMD3<Double>
    /// Points nearer than this (metres along the view axis) are clipped.
    let near = 0.2

    init(camera: StickFigureCamera, lookingAt ground: SIMD2<Double>) {
        let az = camera.azimuthDegrees * .pi / 180, el = camera.elevationDegrees * .pi / 180
        let target = SIMD3(ground.x, ground.y, camera.targetHeight)
        eye = target + camera.distance * SIMD3(sin(az) * cos(el), cos(az) * cos(el), sin(el))
        forward = CameraPose.normalised(target - eye)
        right = CameraPose.normalised(CameraPose.cross(forward, SIMD3(0, 0, 1)))
        up = CameraPose.cross(right, forward)
    }

    /// Depth of a point along the view axis.
    func depth(_ p: SIMD3<Double>) -> Double { CameraPose.dot(p - eye, forward) }

    /// The image-plane position of a point in front of the camera.
    func project(_ p: SIMD3<Double>) -> SIMD2<Double> {
        let d = p - eye
        let z = CameraPose.dot(d, forward)
        return SIMD2(CameraPose.dot(d, right) / z, CameraPose.dot(d, up) / z)
    }

    /// The segment's part in front of the near plane, projected; nil if all of it is behind.
    func projectSegment(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> (SIMD2<Double>, SIMD2<Double>)? {
        let da = depth(a), db = depth(b)
        if da < near && db < near { return nil }
        var a = a, b = b
        if da < near { a = a + (b - a) * ((near - da) / (db - da)) }
        if db < near { b = b + (a - b) * ((near - db) / (da - db)) }
        return (project(a), project(b))
    }

    static func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
    static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
    static func normalised(_ v: SIMD3<Double>) -> SIMD3<Double> { v / sqrt(dot(v, v)) }
}
