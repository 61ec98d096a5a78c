import Foundation
import ShootdownChecker
import ShootdownLitmus
import ShootdownModel

/// The package root: the current directory when it holds `Scenarios/` (`swift package benchmark`
/// runs the benchmark executables from the package root), otherwise found from this file's path
/// (`Benchmarks/ShootdownBenchmarks/Support.swift`, three levels below the root).
let packageRoot: URL = {
    let fileManager = FileManager.default
    let current = URL(fileURLWithPath: fileManager.currentDirectoryPath, isDirectory: true)
    if fileManager.fileExists(atPath: current.appendingPathComponent("Scenarios/seeds").path) {
        return current
    }
    return URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ShootdownBenchmarks/
        .deletingLastPathComponent()  // Benchmarks/
        .deletingLastPathComponent()  // the package root
}()

/// The absolute path of `relative` (e.g. `Scenarios/seeds`) inside the package.
func packagePath(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
}

/// Parses and lowers the scenario at `relative`, stopping the benchmark with the diagnostic if
/// the file does not load.
func loadScenario(_ relative: String) -> Scenario {
    let path = packagePath(relative)
    do {
        return try ScenarioLowering.load(contentsOf: path)
    } catch {
        fatalError("cannot load \(path): \(error)")
    }
}

/// Every `.litmus` file in the folder `relative`, sorted by name, loaded.
func loadScenarios(inFolder relative: String) -> [Scenario] {
    let folder = packagePath(relative)
    let names: [String]
    do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
        fatalError("cannot list \(folder): \(error)")
    }
    let files = names.filter { $0.hasSuffix(".litmus") }.sorted()
    precondition(!files.isEmpty, "no .litmus file in \(folder)")
    return files.map { loadScenario("\(relative)/\($0)") }
}

/// A world and a sample of its reachable states, gathered once before measuring.
struct StateSample {
    let world: World
    /// Up to `limit` distinct reachable states, in breadth-first order from the initial ones.
    let states: [WorldState]
    /// The number of transitions out of `states` (each state's enabled actions, summed).
    let transitions: Int

    /// Builds the world of the scenario at `relative` and collects states by a plain
    /// breadth-first search with a `Set`, stopping at `limit` states.
    init(scenario relative: String, limit: Int = 4_096) {
        let scenario = loadScenario(relative)
        let world: World
        do {
            world = try World(scenario.configuration)
        } catch {
            fatalError("cannot build the world of \(relative): \(error)")
        }
        var seen = Set<WorldState>()
        var states: [WorldState] = []
        var actions: [WorldAction] = []
        var transitions = 0
        for state in world.initialStates where seen.insert(state).inserted {
            states.append(state)
        }
        var next = 0
        // Expand in BFS order; a state is counted in `transitions` once it is expanded, and all
        // sampled states are expanded (successors beyond the limit are simply not kept).
        while next < states.count {
            let state = states[next]
            next += 1
            actions.removeAll(keepingCapacity: true)
            world.enabledActions(in: state, into: &actions)
            transitions += actions.count
            for action in actions {
                let successor = world.successor(of: state, via: action)
                if states.count < limit, seen.insert(successor).inserted {
                    states.append(successor)
                }
            }
        }
        precondition(transitions > 0, "\(relative): no transition out of the sampled states")
        self.world = world
        self.states = states
        self.transitions = transitions
    }
}
