import Dispatch

/// A dense matrix of `Double` in column-major order, the layout BLAS expects.
///
/// Element (i, j) lives at `elements[i + j * rows]`, so a column is a contiguous run of
/// `rows` values: a candidate-by-indicator matrix keeps each indicator contiguous, and a
/// candidate-by-sample matrix keeps each sample's scores contiguous.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var elements: [Double]

    /// A `rows` × `columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative size \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(
            elements.count == rows * columns,
            "Matrix: \(elements.count) elements for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix whose column j is written by `fill(j, column)` (`rows` values, uninitialised
    /// before the call), with no zero-filling pass first; columns are filled concurrently when
    /// `concurrently` is true, so `fill` must touch only its own column.
    public init(
        rows: Int, columns: Int, concurrently: Bool = false,
        fillingColumns fill: @Sendable (Int, UnsafeMutablePointer<Double>) -> Void
    ) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative size \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = Array(unsafeUninitializedCapacity: rows * columns) { buffer, count in
            if let base = buffer.baseAddress {
                if concurrently && columns > 1 {
                    // Each iteration writes only its own column of the one allocation.
                    let address = UInt(bitPattern: base)
                    DispatchQueue.concurrentPerform(iterations: columns) { j in
                        fill(j, UnsafeMutablePointer<Double>(bitPattern: address)! + j * rows)
                    }
                } else {
                    for j in 0..<columns { fill(j, base + j * rows) }
                }
            }
            count = rows * columns
        }
    }

    /// A matrix whose columns are the given vectors, all of the same length.
    public init(columns vectors: [[Double]], rows: Int) {
        var elements = [Double]()
        elements.reserveCapacity(rows * vectors.count)
        for (j, vector) in vectors.enumerated() {
            precondition(vector.count == rows, "Matrix: column \(j) has \(vector.count) rows, not \(rows)")
            elements.append(contentsOf: vector)
        }
        self.init(rows: rows, columns: vectors.count, elements: elements)
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    /// A copy of one column.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix: column \(j) out of 0..<\(columns)")
        return Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Replaces one column.
    @_spi(Testing) public mutating func setColumn(_ j: Int, to values: [Double]) {
        precondition(values.count == rows, "Matrix: column of \(values.count) values for \(rows) rows")
        elements.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
    }
}
