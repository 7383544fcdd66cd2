print("pinaudit")
