//! Any bytes, saved as a workbook (or, when the first byte is odd, as a CSV file),
//! go through import as a user's file does: `read_file`, then `plan` against an
//! inventory with a department and a few datasets. The oracle is that nothing
//! panics (and nothing runs out of memory or time). See docs/fuzzing.md.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // libFuzzer's hook aborts on every panic. The app catches a panic of calamine's
    // readers of old .xls, .xlsb and .ods files and tells it as a damaged file (see
    // `read::guarded`): those are let through to be caught, like in the app. Any
    // other panic, in the .xlsx and CSV readers and in the app's own code, aborts.
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !inventory_desk::workbook::read::inside_guarded_reader() {
                abort(info);
            }
        }));
    });
    inventory_desk::workbook::fuzzing::import_bytes(data);
});
