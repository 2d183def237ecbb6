//! A look at an OLE compound file (an old `.xls`) before calamine reads it.
//!
//! calamine follows the file's sector chains as they come: a chain that loops back on
//! itself grows memory without end (the fuzzer found one in a 3 KB file), and it
//! reserves room for every cell a sheet's Dimensions record declares, so a record
//! claiming a billion rows asks for terabytes. Neither can be caught once it has
//! started, so both are checked here first, and such a file is refused as damaged.

use std::path::Path;

use super::FileRefusal;
use super::limits::{Limits, damaged};

/// Sector numbers at and above this one are markers, not sectors.
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this live in the mini stream, in sectors of 64 bytes.
const MINI_CUTOFF: u64 = 4096;
const MINI_SECTOR: usize = 64;
/// The most cells an Excel 97–2003 sheet has: 65,536 rows by 256 columns.
const MAX_XLS_CELLS: u64 = 65_536 * 256;

/// Checks the file; `Err` says why it cannot be read.
pub(crate) fn check_ole(path: &Path, limits: &Limits) -> Result<(), FileRefusal> {
    let len = std::fs::metadata(path)?.len();
    if len > limits.part_bytes {
        return Err(FileRefusal::OldWorkbookTooBig {
            size: len,
            limit: limits.part_bytes,
        });
    }
    let bytes = std::fs::read(path)?;
    let Some(ole) = Ole::parse(&bytes) else {
        return Err(damaged());
    };
    for name in ["Workbook", "Book"] {
        if let Some(entry) = ole.entry(name) {
            let stream = ole.stream(&entry).ok_or_else(damaged)?;
            return check_biff(&stream);
        }
    }
    Ok(())
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

struct Entry {
    start: u32,
    len: u64,
}

struct Ole<'a> {
    bytes: &'a [u8],
    sector: usize,
    fats: Vec<u32>,
    directory: Vec<u8>,
    mini_fats: Vec<u32>,
    mini_stream: Vec<u8>,
}

impl<'a> Ole<'a> {
    fn parse(bytes: &'a [u8]) -> Option<Ole<'a>> {
        let sector = match u16_at(bytes, 30)? {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        let mut ole = Ole {
            bytes,
            sector,
            fats: Vec::new(),
            directory: Vec::new(),
            mini_fats: Vec::new(),
            mini_stream: Vec::new(),
        };
        // The FAT's sectors are listed in the header, then in a chain of DIFAT sectors.
        let mut difat: Vec<u32> = u32s(bytes.get(76..512)?).collect();
        let mut id = u32_at(bytes, 68)?;
        let mut steps = 0;
        while id < RESERVED_SECTORS {
            steps += 1;
            if steps > ole.sector_count() + 1 {
                return None;
            }
            difat.extend(u32s(ole.sector_bytes(id)?));
            id = difat.pop()?;
        }
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            let fat = ole.sector_bytes(id)?;
            ole.fats.extend(u32s(fat));
        }
        if !acyclic(&ole.fats) {
            return None;
        }
        ole.directory = ole.chain(u32_at(bytes, 48)?, &ole.fats, u64::MAX)?;
        let root = ole.entry_at(0)?;
        if u32_at(bytes, 64)? > 0 {
            ole.mini_stream = ole.chain(root.start, &ole.fats, root.len)?;
            let mini_fat = ole.chain(u32_at(bytes, 60)?, &ole.fats, u64::MAX)?;
            ole.mini_fats = u32s(&mini_fat).collect();
            if !acyclic(&ole.mini_fats) {
                return None;
            }
        }
        Some(ole)
    }

    /// The sectors the file has room for, as calamine counts them.
    fn sector_count(&self) -> usize {
        self.bytes.len() / self.sector
    }

    fn sector_bytes(&self, id: u32) -> Option<&'a [u8]> {
        let id = id as usize;
        if id > self.sector_count() {
            return None;
        }
        let start = (id + 1) * self.sector;
        let end = (start + self.sector).min(self.bytes.len());
        Some(self.bytes.get(start.min(end)..end).unwrap_or_default())
    }

    /// The bytes of the chain of (big) sectors from `start`, at most `len` of them.
    fn chain(&self, start: u32, fats: &[u32], len: u64) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN && (out.len() as u64) < len {
            out.extend_from_slice(self.sector_bytes(id)?);
            id = *fats.get(id as usize)?;
        }
        out.truncate(len.min(out.len() as u64) as usize);
        Some(out)
    }

    fn mini_chain(&self, start: u32, len: u64) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN && (out.len() as u64) < len {
            let at = id as usize * MINI_SECTOR;
            let end = (at + MINI_SECTOR).min(self.mini_stream.len());
            out.extend_from_slice(self.mini_stream.get(at..end)?);
            id = *self.mini_fats.get(id as usize)?;
        }
        out.truncate(len.min(out.len() as u64) as usize);
        Some(out)
    }

    fn entry_at(&self, index: usize) -> Option<Entry> {
        let entry = self.directory.get(index * 128..(index + 1) * 128)?;
        let len = if self.sector == 512 {
            u64::from(u32_at(entry, 120)?)
        } else {
            u64::from(u32_at(entry, 120)?) | (u64::from(u32_at(entry, 124)?) << 32)
        };
        Some(Entry {
            start: u32_at(entry, 116)?,
            len,
        })
    }

    fn entry(&self, name: &str) -> Option<Entry> {
        let wanted: Vec<u16> = name.encode_utf16().collect();
        (0..self.directory.len() / 128).find_map(|i| {
            let entry = &self.directory[i * 128..(i + 1) * 128];
            let name_len = (u16_at(entry, 64)? as usize).min(64);
            let units: Vec<u16> = entry[..name_len]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            (units == wanted).then(|| self.entry_at(i)).flatten()
        })
    }

    fn stream(&self, entry: &Entry) -> Option<Vec<u8>> {
        if entry.len < MINI_CUTOFF {
            self.mini_chain(entry.start, entry.len)
        } else {
            self.chain(entry.start, &self.fats, entry.len)
        }
    }
}

/// Whether no chain of `next` loops back on itself.
fn acyclic(next: &[u32]) -> bool {
    // 0: not seen, 1: on the chain being followed, 2: known to end.
    let mut state = vec![0u8; next.len()];
    let mut path = Vec::new();
    for first in 0..next.len() {
        let mut id = first;
        loop {
            match state[id] {
                1 => return false,
                2 => break,
                _ => {}
            }
            state[id] = 1;
            path.push(id);
            match next[id] as usize {
                n if n < next.len() => id = n,
                _ => break,
            }
        }
        for id in path.drain(..) {
            state[id] = 2;
        }
    }
    true
}

/// Checks the records of a workbook stream that calamine sizes memory by.
fn check_biff(stream: &[u8]) -> Result<(), FileRefusal> {
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let data = stream
            .get(at + 4..at + 4 + len as usize)
            .unwrap_or_default();
        if kind == 0x0200 && !dimensions_fit(data) {
            return Err(damaged());
        }
        at += 4 + len as usize;
    }
    Ok(())
}

/// Whether a Dimensions record declares a sheet an old workbook can have, read as
/// calamine reads it.
fn dimensions_fit(r: &[u8]) -> bool {
    let field = |at: usize, wide: bool| {
        if wide {
            u32_at(r, at).unwrap_or(0) as u64
        } else {
            u16_at(r, at).unwrap_or(0) as u64
        }
    };
    let (first_row, last_row, mut first_col, last_col) = match r.len() {
        10 => (
            field(0, false),
            field(2, false),
            field(4, false),
            field(6, false),
        ),
        14 | 16 => (
            field(0, true),
            field(4, true),
            field(8, false),
            field(10, false),
        ),
        _ => return true, // calamine refuses it with an error
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row == 0 || last_col == 0 {
        return true;
    }
    let (end_row, end_col) = (last_row - 1, last_col - 1);
    if end_row < first_row || end_col < first_col {
        return false;
    }
    let rows = end_row - first_row + 1;
    let cols = end_col - first_col + 1;
    rows.saturating_mul(cols) <= MAX_XLS_CELLS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_that_loops_back_is_found() {
        const END: u32 = ENDOFCHAIN;
        assert!(acyclic(&[1, 2, END, END]));
        assert!(acyclic(&[]));
        assert!(!acyclic(&[0]), "a sector that follows itself");
        assert!(!acyclic(&[1, 2, 0]));
        assert!(!acyclic(&[END, 2, 3, 1]), "a loop past the first sector");
        assert!(acyclic(&[3, 3, 3, END]), "chains that join are fine");
    }

    #[test]
    fn dimensions_past_an_old_sheet_are_refused() {
        let record = |first: u32, last: u32, first_col: u16, last_col: u16| {
            let mut r = Vec::new();
            r.extend_from_slice(&first.to_le_bytes());
            r.extend_from_slice(&last.to_le_bytes());
            r.extend_from_slice(&first_col.to_le_bytes());
            r.extend_from_slice(&last_col.to_le_bytes());
            r.extend_from_slice(&[0, 0]);
            r
        };
        assert!(dimensions_fit(&record(0, 65_536, 0, 256)));
        assert!(dimensions_fit(&record(0, 0, 0, 0)));
        assert!(!dimensions_fit(&record(0, 1_000_000_000, 0, 256)));
        assert!(
            !dimensions_fit(&record(10, 5, 0, 3)),
            "the last row before the first"
        );
    }
}
