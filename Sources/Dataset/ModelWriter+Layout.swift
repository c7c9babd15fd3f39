extension ModelWriter {
    /// A leaf setting that `ModelWriter` leaves out when it equals what the loader infers without
    /// it, unless the layout asks to spell it out.
    public enum LeafSetting: Sendable, Hashable, CaseIterable {
        case direction, normalisation, missing
        /// `window` and `fill` of a signal leaf.
        case window, fill
        /// `cap` of years-since-visit, `levels` of consent, `months` of followup-due.
        case cap, levels, months
    }

    /// How model.yaml is laid out beyond its content: comments, and the settings written although
    /// they equal their defaults (so that a reader sees them without looking the defaults up).
    ///
    /// The layout changes the text only: any layout loads back to the same `Model`.
    public struct Layout: Sendable, Equatable {
        /// Comment lines (without `# `) at the top of the file.
        public var header: [String]
        /// Comment lines just before the `planning` section.
        public var planningComment: [String]
        /// Settings written on every `indicator` leaf, default or not.
        public var indicatorLeaves: Set<LeafSetting>
        /// Settings written on every `signal` leaf, default or not.
        public var signalLeaves: Set<LeafSetting>
        /// Settings written on every `engagement` leaf, default or not.
        public var engagementLeaves: Set<LeafSetting>

        public init(
            header: [String] = [], planningComment: [String] = [], indicatorLeaves: Set<LeafSetting> = [],
            signalLeaves: Set<LeafSetting> = [], engagementLeaves: Set<LeafSetting> = []
        ) {
            self.header = header
            self.planningComment = planningComment
            self.indicatorLeaves = indicatorLeaves
            self.signalLeaves = signalLeaves
            self.engagementLeaves = engagementLeaves
        }

        /// The settings spelled out on a leaf with this source.
        func spelledOut(_ source: LeafSource) -> Set<LeafSetting> {
            switch source {
            case .indicator: indicatorLeaves
            case .signal: signalLeaves
            case .engagement: engagementLeaves
            }
        }
    }
}
