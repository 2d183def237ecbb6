-- The inventory's own lists: the categories and the licenses its city uses
-- (until now a list fixed in the app). Seeded with the app's values; a license
-- with its web address and the other words and addresses that mean it (`also`,
-- one a line). Datasets keep their category and license as text, as before.
CREATE TABLE list_entries (
    id INTEGER PRIMARY KEY,
    list TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    also TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    UNIQUE (list, name COLLATE NOCASE)
);

INSERT INTO list_entries (list, name, url, also, position) VALUES
    ('categories', 'Business', '', '', 0),
    ('categories', 'Education', '', '', 1),
    ('categories', 'Elections', '', '', 2),
    ('categories', 'Environment', '', '', 3),
    ('categories', 'Fiscal', '', '', 4),
    ('categories', 'Health', '', '', 5),
    ('categories', 'Operations', '', '', 6),
    ('categories', 'Properties', '', '', 7),
    ('categories', 'Public Safety', '', '', 8),
    ('categories', 'Recreation', '', '', 9),
    ('categories', 'Services', '', '', 10),
    ('categories', 'Social Services', '', '', 11),
    ('categories', 'Transportation', '', '', 12),
    ('categories', 'Utilities', '', '', 13),
    ('categories', 'Other', '', '', 14),
    ('licenses', 'CC0 1.0', 'https://creativecommons.org/publicdomain/zero/1.0/', 'cc0' || char(10) || 'https://creativecommons.org/publicdomain/zero/1.0/' || char(10) || 'http://creativecommons.org/publicdomain/zero/1.0/' || char(10) || 'public domain' || char(10) || 'cc zero' || char(10) || 'http://opendefinition.org/licenses/cc-zero/', 0),
    ('licenses', 'ODC PDDL 1.0', 'https://opendatacommons.org/licenses/pddl/1-0/', 'pddl' || char(10) || 'http://opendatacommons.org/licenses/pddl/' || char(10) || 'https://opendatacommons.org/licenses/pddl/' || char(10) || 'https://opendatacommons.org/licenses/pddl/1-0/' || char(10) || 'odc-pddl' || char(10) || 'http://opendefinition.org/licenses/odc-pddl/', 1),
    ('licenses', 'CC BY 4.0', 'https://creativecommons.org/licenses/by/4.0/', 'cc by' || char(10) || 'cc-by' || char(10) || 'https://creativecommons.org/licenses/by/4.0/' || char(10) || 'http://creativecommons.org/licenses/by/4.0/' || char(10) || 'creative commons attribution' || char(10) || 'http://opendefinition.org/licenses/cc-by/', 2),
    ('licenses', 'ODC-By 1.0', 'https://opendatacommons.org/licenses/by/1-0/', 'odc by' || char(10) || 'http://opendatacommons.org/licenses/by/' || char(10) || 'https://opendatacommons.org/licenses/by/' || char(10) || 'https://opendatacommons.org/licenses/by/1-0/' || char(10) || 'http://opendefinition.org/licenses/odc-by/', 3),
    ('licenses', 'Other', '', 'custom' || char(10) || 'other license', 4),
    ('licenses', 'Not decided', '', 'undecided' || char(10) || 'tbd' || char(10) || 'unknown' || char(10) || 'not sure', 5);
