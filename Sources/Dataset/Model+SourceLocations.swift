extension Model {
    /// The model with every source location cleared (criteria and programme settings): what it
    /// says, not where it was written, for comparing a model with the one read back from the text
    /// `ModelWriter` wrote (`PlanningSettings` already leaves its locations out of equality).
    @_spi(Testing) public var withoutSourceLocations: Model {
        func clear(_ criterion: Criterion) -> Criterion {
            var criterion = criterion
            criterion.location = SourceLocation()
            if case .node(let aggregation, let children) = criterion.kind {
                criterion.kind = .node(aggregation: aggregation, children: children.map(clear))
            }
            return criterion
        }
        var model = self
        model.criteria = model.criteria.map(clear)
        model.programme?.locations = [:]
        return model
    }
}
