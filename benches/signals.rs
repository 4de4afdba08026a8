//! Side-by-side benchmark of `hypecheck signals` against pandas and polars scripts that
//! compute the same rows and columns (`benches/signals_pandas.py`,
//! `benches/signals_polars.py`), each implementing the rules on its own, the judgement of
//! the name's ST marks by prices included (docs/market-rules.md §2.2a).
//!
//! Run: `cargo bench --bench signals` (optionally `-- FILE` for another bar file; default
//! the whole-market file in `../shared/data`). It runs each program on the same input,
//! checks that the three outputs agree row by row, and prints wall time and peak memory of
//! each plus the ratios, and the floor: the time to decompress the input. hypecheck and
//! polars also write the same rows as snappy Parquet, timed against each other.
//! `BENCH_RUNS=N` repeats each program N times and keeps the best (default 3; pandas runs
//! once unless `BENCH_PANDAS_RUNS` says otherwise).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Run {
    wall: Duration,
    peak_kb: Option<u64>,
    /// User + system CPU seconds (from /usr/bin/time): steadier than wall time on a busy
    /// machine.
    cpu: Option<f64>,
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let input = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/suiwenfeng-stock/daily_bars_long.csv.gz"));
    if !input.exists() {
        println!(
            "skipped: {} is absent; give a whole-market bar file: cargo bench --bench signals -- FILE",
            input.display()
        );
        return;
    }
    let runs = env_usize("BENCH_RUNS", 3);
    let pandas_runs = env_usize("BENCH_PANDAS_RUNS", 1);
    let out = tempfile::tempdir().expect("temp dir");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_hypecheck"));
    println!("input: {} ({} bytes)", input.display(), file_len(&input));

    let floor = best(runs, || decompress(&input));
    println!(
        "floor (decompress only, flate2 in-process): {:.3} s",
        secs(floor)
    );

    let rust_out = out.path().join("rust.csv");
    let rust = best_run(runs, || {
        let mut c = Command::new(&bin);
        c.arg("signals").arg(&input).arg("--out").arg(&rust_out);
        c
    });
    report("hypecheck", &rust);
    // The same rows as Parquet (typed columns, snappy), for the cost of the format.
    let parquet_out = out.path().join("rust.parquet");
    let parquet = best_run(runs, || {
        let mut c = Command::new(&bin);
        c.arg("signals")
            .arg(&input)
            .args(["--format", "parquet", "--out"])
            .arg(&parquet_out);
        c
    });
    report("(parquet)", &parquet);
    println!(
        "parquet: {} bytes, csv: {} bytes",
        file_len(&parquet_out),
        file_len(&rust_out)
    );

    let have_python = python_has(&["polars", "pandas"]);
    if !have_python {
        println!("skipped: python3 with pandas and polars is absent; only hypecheck was timed");
        return;
    }
    let polars_out = out.path().join("polars.csv");
    let polars = best_run(runs, || {
        python(&root, "signals_polars.py", &input, &polars_out)
    });
    report("polars", &polars);
    // The same rows as Parquet from polars, against hypecheck's Parquet.
    let polars_parquet_out = out.path().join("polars.parquet");
    let polars_parquet = best_run(runs, || {
        python(&root, "signals_polars.py", &input, &polars_parquet_out)
    });
    report("(polars pq)", &polars_parquet);
    let pandas_out = out.path().join("pandas.csv");
    let pandas = best_run(pandas_runs, || {
        python(&root, "signals_pandas.py", &input, &pandas_out)
    });
    report("pandas", &pandas);

    let rows = compare(&rust_out, &polars_out).and_then(|_| compare(&rust_out, &pandas_out));
    match rows {
        Ok(n) => println!(
            "agreement: all three outputs agree on {n} rows (the scripts' 15 columns; \
             hypecheck also writes amount, ret_d30 and abnormal)"
        ),
        Err(e) => {
            println!("DISAGREEMENT: {e}");
            std::process::exit(1);
        }
    }
    println!(
        "speed: {:.1}x polars, {:.1}x pandas; hypecheck is {:.2}x the decompression floor",
        secs(polars.wall) / secs(rust.wall),
        secs(pandas.wall) / secs(rust.wall),
        secs(rust.wall) / secs(floor)
    );
    println!(
        "parquet: {:.1}x polars writing parquet ({} bytes against {}; polars has the \
         scripts' 15 columns, hypecheck 18)",
        secs(polars_parquet.wall) / secs(parquet.wall),
        file_len(&parquet_out),
        file_len(&polars_parquet_out)
    );
    if let (Some(r), Some(p), Some(d)) = (rust.cpu, polars.cpu, pandas.cpu) {
        println!(
            "cpu time: {:.1}x less than polars, {:.1}x less than pandas",
            p / r,
            d / r
        );
    }
    if let (Some(r), Some(p), Some(d)) = (rust.peak_kb, polars.peak_kb, pandas.peak_kb) {
        println!(
            "peak memory: hypecheck {:.0} MiB = {:.2} of polars, {:.2} of pandas",
            r as f64 / 1024.0,
            r as f64 / p as f64,
            r as f64 / d as f64
        );
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .max(1)
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn report(name: &str, r: &Run) {
    let mem = r
        .peak_kb
        .map(|k| format!("{:.0} MiB", k as f64 / 1024.0))
        .unwrap_or("n/a".into());
    let cpu = r.cpu.map(|c| format!("{c:.2} s")).unwrap_or("n/a".into());
    println!(
        "{name:>10}: {:.3} s wall, {cpu} CPU, peak {mem}",
        secs(r.wall)
    );
}

fn best(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .expect("at least one run")
}

fn decompress(path: &Path) {
    let file = std::fs::File::open(path).expect("open input");
    let mut reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            file,
        )))
    } else {
        Box::new(file)
    };
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0usize;
    loop {
        let n = reader.read(&mut buf).expect("read input");
        if n == 0 {
            break;
        }
        total += n;
    }
    assert!(total > 0, "empty input");
}

/// Runs the command `n` times under `/usr/bin/time` (for peak RSS) and keeps the fastest.
fn best_run(n: usize, mut make: impl FnMut() -> Command) -> Run {
    let mut best: Option<Run> = None;
    for _ in 0..n {
        let r = timed(make());
        if best.as_ref().is_none_or(|b| r.wall < b.wall) {
            best = Some(r);
        }
    }
    best.expect("at least one run")
}

fn timed(cmd: Command) -> Run {
    let gnu_time = Path::new("/usr/bin/time");
    let mem_file = tempfile::NamedTempFile::new().expect("temp file");
    let mut c = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f").arg("%M %U %S").arg("-o").arg(mem_file.path());
        c.arg(cmd.get_program()).args(cmd.get_args());
        c
    } else {
        cmd
    };
    let t = Instant::now();
    let status = c.status().expect("start benchmark program");
    let wall = t.elapsed();
    assert!(status.success(), "{c:?} failed: {status}");
    let stats = std::fs::read_to_string(mem_file.path()).unwrap_or_default();
    let fields: Vec<&str> = stats
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let peak_kb = fields.first().and_then(|f| f.parse().ok());
    let cpu = match (fields.get(1), fields.get(2)) {
        (Some(u), Some(s)) => u
            .parse::<f64>()
            .ok()
            .zip(s.parse::<f64>().ok())
            .map(|(u, s)| u + s),
        _ => None,
    };
    Run { wall, peak_kb, cpu }
}

fn python(root: &Path, script: &str, input: &Path, out: &Path) -> Command {
    let mut c = Command::new("python3");
    c.arg(root.join("benches").join(script)).arg(input).arg(out);
    c
}

fn python_has(modules: &[&str]) -> bool {
    let code = format!("import {}", modules.join(", "));
    Command::new("python3")
        .args(["-c", &code])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Compares two signal CSVs: `b`'s header is the start of `a`'s (hypecheck writes columns
/// the scripts do not compute: amount, ret_d30, abnormal; those are left out), and on
/// every row `b`'s fields equal `a`'s first ones: integer columns exactly, float columns
/// within rounding of the six printed decimals; an empty cell (unknown: no limit, no prev
/// close, `st` undecided) only equals an empty cell. Returns the number of rows.
fn compare(a: &Path, b: &Path) -> Result<usize, String> {
    let ta = std::fs::read_to_string(a).map_err(|e| format!("{}: {e}", a.display()))?;
    let tb = std::fs::read_to_string(b).map_err(|e| format!("{}: {e}", b.display()))?;
    let (mut la, mut lb) = (ta.lines(), tb.lines());
    let (ha, hb) = (la.next().unwrap_or(""), lb.next().unwrap_or(""));
    let names: Vec<&str> = hb.split(',').collect();
    let all: Vec<&str> = ha.split(',').collect();
    if !all.starts_with(&names) {
        return Err(format!("headers differ:\n  {ha}\n  {hb}"));
    }
    let mut rows = 0;
    loop {
        match (la.next(), lb.next()) {
            (None, None) => return Ok(rows),
            (Some(x), Some(y)) => {
                rows += 1;
                let (nx, ny) = (x.split(',').count(), y.split(',').count());
                if nx != all.len() || ny != names.len() {
                    return Err(format!(
                        "row {rows}: {nx} and {ny} fields for {} and {} columns\n  {x}\n  {y}",
                        all.len(),
                        names.len()
                    ));
                }
                for ((fx, fy), name) in x.split(',').zip(y.split(',')).zip(&names) {
                    if !same_field(fx, fy) {
                        return Err(format!(
                            "row {rows} column {name}: {fx} vs {fy}\n  {}: {x}\n  {}: {y}",
                            a.display(),
                            b.display()
                        ));
                    }
                }
            }
            _ => return Err(format!("row counts differ after {rows} rows")),
        }
    }
}

fn same_field(x: &str, y: &str) -> bool {
    if x == y {
        return true;
    }
    match (x.parse::<f64>(), y.parse::<f64>()) {
        (Ok(a), Ok(b)) => (a - b).abs() <= 2e-6,
        _ => false,
    }
}
