#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use inventory_desk::store::Store;
use inventory_desk::workbook::export::export_xlsx;
use inventory_desk::workbook::merge::plan_file;
use std::time::Instant;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = std::path::PathBuf::from("/tmp/prof");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!("b-{n}.sqlite3"));
    let x = dir.join(format!("b-{n}.xlsx"));
    let fresh = !db.exists();
    let mut store = Store::open(&db).unwrap();
    if fresh {
        inventory_desk::demo::fill(&mut store, n, 7).unwrap();
        export_xlsx(&mut store, &x, None).unwrap();
    }
    eprintln!("ready");
    for _ in 0..3 {
        let t = Instant::now();
        let p = plan_file(&store, &x).unwrap();
        eprintln!("plan {:?} {}", t.elapsed(), p.errors.len());
    }
}
