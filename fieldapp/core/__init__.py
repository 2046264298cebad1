"""The Qt-free core: forms, storage, merge, export."""
