extension Events {
    /// One indicator of events.csv for every candidate: each candidate's periods and values,
    /// held in three flat arrays rather than a dictionary per candidate (at 10⁶ candidates with
    /// 15 rows each that is 12 bytes a row, against about 200 bytes a candidate for the
    /// dictionaries alone).
    ///
    /// Candidate i's periods are `periods[starts[i]..<starts[i + 1]]`, ascending and distinct,
    /// with their values at the same positions.
    public struct Series: Sendable, Equatable, RandomAccessCollection, ExpressibleByArrayLiteral {
        private var starts: [Int]
        private var periods: [Int32]
        private var values: [Double]

        /// The series of candidates 0, 1, … from a map of period to value each.
        public init(_ candidates: [[Period: Double]]) {
            starts = [0]
            starts.reserveCapacity(candidates.count + 1)
            periods = []
            values = []
            for candidate in candidates {
                for (period, value) in candidate.sorted(by: { $0.key < $1.key }) {
                    periods.append(Self.stored(period))
                    values.append(value)
                }
                starts.append(periods.count)
            }
        }

        public init(arrayLiteral candidates: [Period: Double]...) { self.init(candidates) }

        /// `candidates` candidates without a row.
        public init(withoutRowsFor candidates: Int) {
            self.init(starts: Array(repeating: 0, count: candidates + 1), periods: [], values: [])
        }

        /// A series from flat arrays already in the layout above (the loader's).
        init(starts: [Int], periods: [Int32], values: [Double]) {
            precondition(starts.first == 0 && starts.last == periods.count && periods.count == values.count)
            (self.starts, self.periods, self.values) = (starts, periods, values)
        }

        /// A period as held: periods count months from year 0, so they fit 32 bits for any
        /// four-digit year (the loader reads no other).
        static func stored(_ period: Period) -> Int32 {
            precondition(period >= Int(Int32.min) && period <= Int(Int32.max), "period \(period) out of range")
            return Int32(period)
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { starts.count - 1 }

        /// Candidate i's values by period.
        public subscript(candidate: Int) -> [Period: Double] {
            var map: [Period: Double] = [:]
            for k in starts[candidate]..<starts[candidate + 1] { map[Period(periods[k])] = values[k] }
            return map
        }

        /// Candidate i's value for `period`, or nil when it has no row with a value there.
        @inline(__always)
        public func value(of candidate: Int, at period: Period) -> Double? {
            for k in starts[candidate]..<starts[candidate + 1] where Period(periods[k]) >= period {
                return Period(periods[k]) == period ? values[k] : nil
            }
            return nil
        }

        /// The series of the given candidates, in that order (screening keeps a subset).
        public func selecting(_ candidates: [Int]) -> Series {
            var result = Series(starts: [0], periods: [], values: [])
            result.starts.reserveCapacity(candidates.count + 1)
            for i in candidates {
                result.periods += periods[starts[i]..<starts[i + 1]]
                result.values += values[starts[i]..<starts[i + 1]]
                result.starts.append(result.periods.count)
            }
            return result
        }
    }
}
