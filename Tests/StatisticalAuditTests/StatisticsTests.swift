import Dataset
import LinearAlgebra
import Numerics
import Scoring
import StatisticalAudit
import TestSupport
import Testing

/// α, PCA and correlations against figures worked out by hand and by numpy/scipy.
@Suite struct StatisticsTests {
    /// By hand, on four candidates and three children a = (1,2,3,4), b = (2,1,4,3),
    /// c = (1,3,2,4): every column has mean 2.5 and sum of squared deviations 5, and the cross
    /// products of deviations are 3 (a, b), 4 (a, c) and 0 (b, c), so r = 0.6, 0.8 and 0.
    /// det(R − λI) with μ = 1 − λ is μ³ − 0.36μ − 0.64μ = μ(μ² − 1): eigenvalues 2, 1, 0, and the
    /// eigenvector of 2 solves v₂ = 0.6 v₁, v₃ = 0.8 v₁: (1, 0.6, 0.8)/√2. The sums a + b + c are
    /// (4, 6, 9, 11), variance 29/3; the item variances add to 5; α = 3/2 · (1 − 15/29) = 21/29.
    /// (numpy: np.linalg.eigh(np.corrcoef(X, rowvar=False)) gives 2, 1, 0 and ±(0.70710678,
    /// 0.42426407, 0.56568542).)
    @Test func handWorkedFourByThree() {
        let (a, b, c) = ([1.0, 2, 3, 4], [2.0, 1, 4, 3], [1.0, 3, 2, 4])
        let mean = (0..<4).map { (a[$0] + b[$0] + c[$0]) / 3 }
        let model = Model(
            name: "hand", asOf: CalendarDate(year: 2023, month: 1, day: 1)!,
            criteria: [node("g", [leaf("a"), leaf("b"), leaf("c")])])
        let tree = CriteriaTree(model: model)
        // Pre-order: root, g, a, b, c.
        let audit = FrameworkAudit(tree: tree, columns: [mean, mean, a, b, c])
        let g = audit.node("g")
        #expect(g.completeCases == 4)
        #expect(g.cronbachAlpha!.isApproximatelyEqual(to: 21.0 / 29, relativeTolerance: 1e-12))
        let pca = g.pca!
        #expect(pca.eigenvalues[0].isApproximatelyEqual(to: 2, relativeTolerance: 1e-12))
        #expect(pca.eigenvalues[1].isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(abs(pca.eigenvalues[2]) < 1e-12)
        #expect(pca.explained[0].isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 1e-12))
        #expect(pca.explained[1].isApproximatelyEqual(to: 1.0 / 3, relativeTolerance: 1e-12))
        let expected = [1, 0.6, 0.8].map { $0 / 2.0.squareRoot() }
        for (loading, value) in zip(pca.loadings, expected) {
            #expect(loading.isApproximatelyEqual(to: value, relativeTolerance: 1e-12))
        }
        #expect(audit.leafCorrelations[0][1]!.isApproximatelyEqual(to: 0.6, relativeTolerance: 1e-12))
        #expect(audit.leafCorrelations[0][2]!.isApproximatelyEqual(to: 0.8, relativeTolerance: 1e-12))
        #expect(abs(audit.leafCorrelations[1][2]!) < 1e-12)
        #expect(audit.leafCorrelations[2][2]! == 1)
        // The root has one child (g): α and PCA are undefined, and a flag says so.
        #expect(audit.node("root").cronbachAlpha == nil && audit.node("root").pca == nil)
        #expect(audit.flags.contains(.singleChild(node: AuditLabel(id: "root", name: "hand"))))
    }

    /// The ten-candidate dataset through `score`: every figure from numpy/scipy
    /// (/tmp/audit-ref/ref.py in the helper's session: scipy.stats.pearsonr on the rows where
    /// both values exist; α = k/(k−1)(1 − Σ var(ddof=1) / var(sum, ddof=1)) on complete rows;
    /// np.linalg.eigh of np.corrcoef of the complete rows), with g = np.nanmean of a…d,
    /// h = np.nanmean of e, f and root = (g + h)/2.
    @Test func tenCandidatesAgainstNumpy() throws {
        let dataset = auditDataset(columns: tenColumns, criteria: tenCriteria)
        let table = try score(dataset)
        let audit = FrameworkAudit(table: table, states: dataset.states)
        func near(_ x: Double?, _ y: Double) -> Bool { x.map { abs($0 - y) < 1e-12 } ?? false }

        #expect(near(audit.child("a", of: "g").rParent, 0.918416211790120))
        #expect(near(audit.child("b", of: "g").rParent, 0.858977207543701))
        #expect(near(audit.child("c", of: "g").rParent, -0.167025040029298))
        #expect(near(audit.child("d", of: "g").rParent, 0.923758429696957))
        #expect(near(audit.child("e", of: "h").rParent, 0.998954356106552))
        #expect(near(audit.child("f", of: "h").rParent, -0.968409374248114))
        #expect(near(audit.child("a", of: "g").rRoot, 0.783072405417884))
        #expect(near(audit.child("c", of: "g").rRoot, -0.531289793650688))
        #expect(near(audit.child("f", of: "h").rRoot, -0.387010821032996))
        #expect(near(audit.child("g", of: "root").rParent, 0.691676898561871))
        #expect(near(audit.child("h", of: "root").rRoot, 0.505994196342102))

        let g = audit.node("g")
        #expect(g.completeCases == 6)
        #expect(near(g.cronbachAlpha, 0.609546232236117))
        for (x, y) in zip(
            g.pca!.eigenvalues, [3.233213683385692, 0.720727329809692, 0.04584289976838, 0.000216087036235])
        {
            #expect(near(x, y))
        }
        for (x, y) in zip(
            g.pca!.explained, [0.808303420846423, 0.180181832452423, 0.011460724942095, 5.4021759059e-05])
        {
            #expect(near(x, y))
        }
        for (x, y) in zip(
            g.pca!.loadings, [0.54885186078922, 0.535491202885955, -0.334974342194115, 0.547542689305212])
        {
            #expect(near(x, y))
        }
        let h = audit.node("h")
        #expect(near(h.cronbachAlpha, -1.063881076737646))
        #expect(near(h.pca?.eigenvalues[0], 1.978797427472058))
        // Two children: the loadings tie in magnitude, so the first is made positive.
        #expect(near(h.pca?.loadings[0], 0.5.squareRoot()) && near(h.pca?.loadings[1], -0.5.squareRoot()))
        #expect(near(audit.node("root").cronbachAlpha, -0.734850556587181))

        // |r| > 0.9 among leaves: (a, b) 0.9077, (a, d) 0.9993, (b, d) 0.9358, (e, f) −0.9788.
        let pairs = audit.collinear.map { "\($0.a)-\($0.b)" }
        #expect(pairs == ["a-b", "a-d", "b-d", "e-f"])
        #expect(near(audit.collinear[1].r, 0.999320553500123))
        #expect(near(audit.collinear[3].r, -0.978797427472058))
        // Negative with their parent: c in g, f in h.
        #expect(audit.negative.map { "\($0.parent)/\($0.id)" } == ["g/c", "h/f"])
        // The flags, in words, name the nodes by name and id.
        let words = audit.flags.map(\.description)
        #expect(words.contains("α = 0.61: the children of Gaps (g) do not measure one thing (α below 0.70)"))
        #expect(words.contains("Alpha (a) and d correlate at 1.00: one may be redundant"))
        #expect(words.contains("f moves against its parent h (r = −0.97)"))
    }

    /// Pairwise-complete correlation on its own: a pair sees only its shared rows. Over rows
    /// 1…4 of x = (9, 1, 2, 3, 4) and y = (NaN, 2, 4, 6, 8) r = 1, whatever x's first value; z
    /// shares only two rows with y, too few for r.
    @Test func pairwiseCompleteUsesSharedRowsOnly() {
        let x = [9.0, 1, 2, 3, 4], y = [nan, 2, 4, 6, 8], z = [nan, nan, nan, 5, 7]
        let r = PairwiseCorrelations(columns: [x, y, z])
        #expect(r[0, 1]!.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(r.cases(0, 1) == 4)
        #expect(r[1, 2] == nil && r.cases(1, 2) == 2)
        #expect(r[0, 2] == nil)
    }
}
