package export

import (
	"context"
	"fmt"
	"io"

	"github.com/detente-project/detente"
	"github.com/parquet-go/parquet-go"
)

// Rows per Parquet write and per row group: a row group is held in memory
// until it is flushed, so this bounds the memory an export takes.
const (
	parquetBatch    = 1024
	parquetRowGroup = 16 * 1024
)

// Parquet writes the events f selects to w as one Parquet file with
// Record's typed schema (zstd-compressed), oldest first.
func Parquet(ctx context.Context, w io.Writer, r detente.Reader, f detente.EventFilter) error {
	pw := parquet.NewGenericWriter[Record](w, parquet.Compression(&parquet.Zstd))
	batch := make([]Record, 0, parquetBatch)
	inGroup := 0
	write := func() error {
		if _, err := pw.Write(batch); err != nil {
			return err
		}
		inGroup += len(batch)
		batch = batch[:0]
		if inGroup >= parquetRowGroup {
			inGroup = 0
			return pw.Flush()
		}
		return nil
	}
	err := each(ctx, r, f, func(rec *Record, _ origin) error {
		batch = append(batch, *rec)
		if len(batch) == cap(batch) {
			return write()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = write()
	}
	if err != nil {
		return fmt.Errorf("export parquet: %w", err)
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("export parquet: %w", err)
	}
	return nil
}
