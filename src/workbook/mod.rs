//! The handoff workbook: the Appendix A inventory as an `.xlsx` file for the CDO,
//! and everything that reads it back (and the spreadsheets cities already keep).

pub mod columns;
