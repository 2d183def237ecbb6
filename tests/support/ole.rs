//! Old Office files built in tests: a BIFF8 workbook stream (Excel 97–2003) and the
//! OLE compound file that holds it, or the streams of a password-protected `.xlsx`.
#![allow(dead_code)]

use std::path::Path;

pub fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
}

/// A BIFF8 workbook stream (Excel 97–2003) with one sheet of text cells.
pub fn biff8_workbook(sheet_name: &str, cells: &[(u16, u16, &str)]) -> Vec<u8> {
    let bof = |kind: u16| {
        let mut b = vec![0x00, 0x06];
        b.extend_from_slice(&kind.to_le_bytes());
        b.extend_from_slice(&[0xBB, 0x0D, 0xCC, 0x07, 0, 0, 0, 0, 0x06, 0, 0, 0]);
        b
    };
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    let boundsheet_at = globals.len();
    let mut boundsheet = vec![0, 0, 0, 0, 0, 0, sheet_name.len() as u8, 0];
    boundsheet.extend_from_slice(sheet_name.as_bytes());
    record(&mut globals, 0x0085, &boundsheet);
    record(&mut globals, 0x000A, &[]);
    // The sheet starts where the globals end.
    let at = (globals.len() as u32).to_le_bytes();
    globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&at);
    let mut stream = globals;
    record(&mut stream, 0x0809, &bof(0x0010));
    for (row, col, text) in cells {
        let mut label = Vec::new();
        label.extend_from_slice(&row.to_le_bytes());
        label.extend_from_slice(&col.to_le_bytes());
        label.extend_from_slice(&[0, 0]);
        let units: Vec<u16> = text.encode_utf16().collect();
        label.extend_from_slice(&(units.len() as u16).to_le_bytes());
        label.push(1); // UTF-16
        for u in units {
            label.extend_from_slice(&u.to_le_bytes());
        }
        record(&mut stream, 0x0204, &label);
    }
    record(&mut stream, 0x000A, &[]);
    stream
}

pub fn ole_file(path: &Path, streams: &[(&str, &[u8])]) {
    use std::io::Write;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .unwrap();
    // Version 3, with 512-byte sectors, as Excel 97–2003 writes.
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, file).unwrap();
    // A small stream, as every Office file has one: it makes the file's mini stream,
    // which readers expect to find.
    file.create_stream("/\u{1}CompObj")
        .unwrap()
        .write_all(&[0u8; 64])
        .unwrap();
    for (name, bytes) in streams {
        let mut stream = file.create_stream(name).unwrap();
        stream.write_all(bytes).unwrap();
    }
    file.flush().unwrap();
}

/// The bytes of an OLE file with these streams.
pub fn ole_bytes(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ole.bin");
    ole_file(&path, streams);
    std::fs::read(path).unwrap()
}
