"""Demo data: the nine seed networks of *Samen leren in netwerken* (docs/domain.md), their people,
schools, meetings and attendance, plus one demo login per role.

Idempotent: every row is looked up by a natural key (slug, e-mail address, BRIN code, network
and meeting title, meeting and person) and only saved when a value differs, so a second run
writes nothing (not even history rows). Random choices come from generators seeded per network,
so Faker gives the same people every time.

Dates: the publication describes the summer of 2015. To keep the demo alive, each network's
term is placed relative to the current month so that every supported network is running today,
in the order and with the terms the publication gives (Vrouwelijk Leiderschap 1 first, Moreel
Beraad en Bildung last); Eindverantwoordelijk Schoolleiders keeps its real start in 2006, and
the three networks in oprichting start in three months. A rerun in a later month moves the
dates along (updating rows, not adding them)."""
