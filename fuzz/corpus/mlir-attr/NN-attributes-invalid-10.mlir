module attributes {nn.metadata_props = {author = 1}} {
}
