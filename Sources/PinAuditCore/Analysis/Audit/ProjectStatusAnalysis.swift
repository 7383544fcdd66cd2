/// PEP 792 project status: archived and deprecated projects are a warning, quarantined an error.
enum ProjectStatusAnalysis {
    static func finding(_ pin: AuditPin, project: ProjectFacts) -> Finding? {
        guard let status = project.status?.trimmingWhitespace.lowercased(), !status.isEmpty, status != "active" else { return nil }
        let reason = project.statusReason?.trimmingWhitespace
        let because = (reason?.isEmpty ?? true) ? "" : " (\(reason!))"
        switch status {
        case "archived":
            return Finding(rule: .projectStatus, severity: .warning, package: pin.name, location: pin.location,
                           message: "\(pin.name) is archived on the index\(because): it will get no more releases, including security fixes. Plan a replacement.")
        case "deprecated":
            return Finding(rule: .projectStatus, severity: .warning, package: pin.name, location: pin.location,
                           message: "\(pin.name) is deprecated on the index\(because): move to the project its authors recommend.")
        case "quarantined":
            return Finding(rule: .projectStatus, severity: .error, package: pin.name, location: pin.location,
                           message: "\(pin.name) is quarantined on the index\(because), usually for suspected malware: do not install it; remove the pin and check the machines that did.")
        default:
            return Finding(rule: .projectStatus, severity: .warning, package: pin.name, location: pin.location,
                           message: "\(pin.name) has the status \"\(status)\" on the index\(because): check the project page before relying on it.")
        }
    }
}
