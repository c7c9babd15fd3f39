import Dataset
import Scoring
import TestSupport
import Testing

/// TOPSIS against published worked examples, modelled as a `topsis` root over vector-normalised
/// leaves. A cost criterion is `direction: protective`: its value is −r, whose ideal is −min r,
/// the classical cost ideal, so the distances are those of the textbook method.
@Suite struct TopsisPublishedExampleTests {
    /// Papathanasiou, J. & Ploskas, N. (2018), "TOPSIS", ch. 1 of *Multiple Criteria Decision
    /// Aid: Methods, Examples and Python Implementations*, Springer Optimization and Its
    /// Applications 136: six alternatives, four benefit criteria, weights 0.4, 0.3, 0.1, 0.2,
    /// vector normalisation. Published closeness coefficients, to three decimals:
    /// 0.387, 0.327, 0.391, 0.615, 0.868, 0.493.
    @Test func papathanasiouAndPloskasExample() throws {
        let matrix: [[Double]] = [
            [8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4],
        ]
        let weights = [0.4, 0.3, 0.1, 0.2]
        let ids = ["A1", "A2", "A3", "A4", "A5", "A6"]
        let columns = Dictionary(uniqueKeysWithValues: (0..<4).map { j in ("c\(j + 1)", matrix.map { $0[j] }) })
        let criteria = (0..<4).map { j in leaf("c\(j + 1)", weight: weights[j], normalisation: .vector) }
        let table = try score(makeDataset(ids: ids, columns: columns, criteria: criteria, root: .topsis))

        let published = [0.387, 0.327, 0.391, 0.615, 0.868, 0.493]
        // Half a unit in the last published place.
        expectClose(table.scores.map { $0 / 100 }, published, tolerance: 0.0005)
        #expect(table.rankedIDs == ["A5", "A4", "A6", "A3", "A1", "A2"])
    }

    /// The example of the `TOPSIS` function of the R package MCDA (Bigaret, Hodgett, Meyer,
    /// Mironova & Olteanu), after Hodgett's car example: three cars, purchase price a cost,
    /// weights 0.35, 0.25, 0.25, 0.15. The package's example publishes the positive and
    /// negative ideal solutions of the weighted vector-normalised matrix:
    ///   PIS (0.179573776, 0.171636015, 0.159499658, 0.087302767)
    ///   NIS (0.212610118, 0.124958799, 0.131352659, 0.085797547)
    /// The test rebuilds that matrix by hand, checks it against the published ideals, and
    /// computes the closeness coefficients from them.
    @Test func carExampleWithACostCriterion() throws {
        let cars = ["Corsa", "Clio", "Fiesta"]
        let price: [Double] = [5490, 6500, 6489]  // cost
        let economy: [Double] = [51.4, 70.6, 54.3]
        let aesthetics: [Double] = [8.5, 7, 7.5]
        let boot: [Double] = [285, 288, 290]
        let weights = [0.35, 0.25, 0.25, 0.15]
        let columns = [price, economy, aesthetics, boot]

        // The weighted normalised matrix t_ij = w_j x_ij / ‖x_j‖, computed independently.
        let t = columns.enumerated().map { j, column -> [Double] in
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return column.map { weights[j] * $0 / norm }
        }
        let pis = [0.179573776, 0.171636015, 0.159499658, 0.087302767]
        let nis = [0.212610118, 0.124958799, 0.131352659, 0.085797547]
        expectClose([t[0].min()!, t[1].max()!, t[2].max()!, t[3].max()!], pis, tolerance: 1e-8)
        expectClose([t[0].max()!, t[1].min()!, t[2].min()!, t[3].min()!], nis, tolerance: 1e-8)
        let closeness = cars.indices.map { i -> Double in
            let plus = (0..<4).reduce(0) { $0 + (t[$1][i] - pis[$1]) * (t[$1][i] - pis[$1]) }.squareRoot()
            let minus = (0..<4).reduce(0) { $0 + (t[$1][i] - nis[$1]) * (t[$1][i] - nis[$1]) }.squareRoot()
            return minus / (plus + minus)
        }

        let table = try score(
            makeDataset(
                ids: cars,
                columns: ["price": price, "economy": economy, "aesthetics": aesthetics, "boot": boot],
                criteria: [
                    leaf("price", weight: 0.35, direction: .protective, normalisation: .vector),
                    leaf("economy", weight: 0.25, normalisation: .vector),
                    leaf("aesthetics", weight: 0.25, normalisation: .vector),
                    leaf("boot", weight: 0.15, normalisation: .vector),
                ],
                root: .topsis))
        // The published ideals carry nine decimals.
        expectClose(table.scores.map { $0 / 100 }, closeness, tolerance: 1e-7)
        // From the published ideals: Clio ≈ 0.518, Corsa ≈ 0.482, Fiesta ≈ 0.178.
        #expect(table.rankedIDs == ["Clio", "Corsa", "Fiesta"])
        expectClose(table.candidate("Fiesta").score / 100, 0.178, tolerance: 0.0005)
    }
}
