/// Finds and reads the run's configuration: the file `--config` names, else the first one
/// `ConfigLocator` finds from the working directory upward, else the defaults.
public struct ConfigurationLoader {
    public let fileSystem: any RunFileSystem

    public init(fileSystem: any RunFileSystem) { self.fileSystem = fileSystem }

    public func load(configPath: String?) throws -> Configuration {
        if let configPath {
            let bytes: [UInt8]
            do { bytes = try fileSystem.read(configPath) } catch { throw InputFailure("cannot read the configuration file \(configPath): \(error).") }
            do {
                return try ConfigurationParser.parse(String(decoding: bytes, as: UTF8.self), file: configPath)
                    ?? { throw InputFailure("\(configPath) has no [tool.pinaudit] table.") }()
            } catch let error as ConfigurationError { throw InputFailure("\(error)") }
        }
        let reader = InputReader(fileSystem: fileSystem, environment: [:])
        for candidate in ConfigLocator.candidates(from: fileSystem.currentDirectory) where fileSystem.exists(candidate) {
            guard let bytes = try? fileSystem.read(candidate) else { continue }
            do {
                if let configuration = try ConfigurationParser.parse(String(decoding: bytes, as: UTF8.self), file: reader.display(candidate)) {
                    return configuration
                }
            } catch let error as ConfigurationError { throw InputFailure("\(error)") }
        }
        return .defaults
    }
}
