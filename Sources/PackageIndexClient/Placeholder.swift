public enum PackageIndexClientPlaceholder {}
