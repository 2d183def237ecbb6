//! Sample datasets by category, the app's own (the inventory guide only says to
//! compare with sample datasets by category, and lists none here): the
//! Step 1 wizard suggests them, labelled as the app's, and `demo` builds
//! believable inventories from them.

use crate::model::Category;

/// For each category, datasets a city department typically holds.
pub const SAMPLE_DATASETS: &[(Category, &[&str])] = &[
    (
        Category::Business,
        &[
            "Business Licenses",
            "Food Establishment Inspections",
            "Building Permits",
            "Liquor Licenses",
            "Contracts Awarded",
            "Small Business Certifications",
            "Sidewalk Cafe Permits",
        ],
    ),
    (
        Category::Education,
        &[
            "Library Branch Visits",
            "Library Circulation",
            "Afterschool Program Enrollment",
            "Public Computer Sessions",
        ],
    ),
    (
        Category::Elections,
        &[
            "Polling Places",
            "Voter Registration Counts",
            "Election Results",
            "Campaign Finance Filings",
        ],
    ),
    (
        Category::Environment,
        &[
            "Street Tree Inventory",
            "Air Quality Readings",
            "Recycling Tonnage",
            "Energy Use of City Buildings",
            "Illegal Dumping Reports",
        ],
    ),
    (
        Category::Fiscal,
        &[
            "Operating Budget",
            "Capital Projects",
            "Vendor Payments",
            "Revenue by Source",
            "Employee Salaries",
            "Purchase Orders",
        ],
    ),
    (
        Category::Health,
        &[
            "Restaurant Inspection Scores",
            "Immunization Clinics",
            "Lead Testing Results",
            "Rodent Complaints",
            "Emergency Medical Responses",
        ],
    ),
    (
        Category::Operations,
        &[
            "Fleet Vehicles",
            "City-Owned Facilities",
            "Employee Headcount by Department",
            "Performance Measures",
            "Open Records Requests Log",
        ],
    ),
    (
        Category::Properties,
        &[
            "Vacant Property Registry",
            "Code Violations",
            "Property Assessments",
            "Demolition Permits",
            "Affordable Housing Units",
            "Zoning Variances",
        ],
    ),
    (
        Category::PublicSafety,
        &[
            "Reported Crimes",
            "Traffic Collisions",
            "Fire Incidents",
            "Police Calls for Service",
            "Use of Force Incidents",
            "Fire Hydrant Locations",
        ],
    ),
    (
        Category::Recreation,
        &[
            "Park Locations",
            "Recreation Center Programs",
            "Pool Attendance",
            "Special Event Permits",
            "Playground Inspections",
        ],
    ),
    (
        Category::Services,
        &[
            "311 Service Requests",
            "Pothole Repairs",
            "Graffiti Removal Requests",
            "Missed Trash Pickups",
            "Streetlight Outages",
        ],
    ),
    (
        Category::SocialServices,
        &[
            "Homeless Shelter Capacity",
            "Senior Center Meals Served",
            "Youth Employment Placements",
            "Emergency Rental Assistance",
        ],
    ),
    (
        Category::Transportation,
        &[
            "Parking Citations",
            "Traffic Counts",
            "Bike Lanes",
            "Street Paving Schedule",
            "Parking Meter Locations",
            "Traffic Signal Locations",
        ],
    ),
    (
        Category::Utilities,
        &[
            "Water Main Breaks",
            "Water Quality Tests",
            "Sewer Overflows",
            "Utility Billing Accounts",
            "Stormwater Inlets",
        ],
    ),
];

/// The samples of one category.
pub fn samples_for(category: Category) -> &'static [&'static str] {
    SAMPLE_DATASETS
        .iter()
        .find(|(c, _)| *c == category)
        .map(|(_, s)| *s)
        .unwrap_or(&[])
}
