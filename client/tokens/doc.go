// Package tokens estimates how many tokens a text costs a model, locally,
// without the network and without tables: Estimate lands within a few
// percent of OpenAI's o200k_base encoding on prose, code and CJK text.
// The exact count, with the tables, is the subpackage exact: a program
// that only estimates does not link them.
package tokens
