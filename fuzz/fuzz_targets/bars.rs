//! Any bytes as a bar file (gzip and GBK detection included): reading every row never
//! panics, and every bar returned obeys the checks `BarReader` promises.
#![no_main]

use hypecheck::ingest::BarReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = BarReader::from_reader("fuzz.csv", std::io::Cursor::new(data.to_vec()))
    else {
        return;
    };
    loop {
        match reader.next_row() {
            Ok(Some(row)) => {
                let b = &row.bar;
                assert!(b.low > 0, "non-positive low: {b:?}");
                assert!(b.low <= b.high, "low above high: {b:?}");
                assert!(
                    (b.low..=b.high).contains(&b.open),
                    "open outside range: {b:?}"
                );
                assert!(
                    (b.low..=b.high).contains(&b.close),
                    "close outside range: {b:?}"
                );
                if let Some(p) = b.prev_close {
                    assert!(p > 0, "non-positive previous close: {b:?}");
                }
            }
            Ok(None) => break,
            Err(e) if e.is_row_error() => {}
            Err(_) => break,
        }
    }
    let stats = reader.stats();
    assert!(stats.lines() >= stats.rows);
});
