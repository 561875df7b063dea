// Package merit holds the domain of Merit: the types of the ASN registry
// (agencies, units, positions, employees and their histories), the rules that
// validate them, the error kinds every layer speaks, and who may do what.
//
// It imports no database, HTTP or file-format package. Storage (sqldb), the
// web UI (web), the JSON API (api), file formats (tabular) and the CLI
// (cmd/merit) are built around it.
package merit
