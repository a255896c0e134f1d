// Package export writes stored events in formats other tools read: CSV and
// JSON Lines for spreadsheets and scripts, the GDELT 2.0 event table for
// tools built around GDELT, and Parquet for data frames and warehouses.
//
// Every export streams: it reads events oldest first through
// detente.Reader.EachEvent and writes each as it comes, so memory stays flat
// however many events there are. CSV, JSONL and Parquet share the columns
// of Record. Parquet is written with github.com/parquet-go/parquet-go, the
// maintained pure-Go Parquet implementation, which derives a typed schema
// (DATE, DOUBLE, BOOLEAN, optional and list columns) from Record's tags.
package export
