/** Words the record generator draws names, places and text from. */
export const WordLists = {
  companyStems: ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Aperture', 'Massive', 'Oscorp', 'Gringotts', 'Pied Piper', 'Dunder', 'Nakatomi', 'Monarch', 'Blue Sun', 'Virtucon', 'Zorg', 'Oceanic', 'Wernham', 'Bluth', 'Prestige', 'Sterling', 'Abstergo', 'Black Mesa'],
  companySuffixes: ['Inc', 'LLC', 'Ltd', 'GmbH', 'Group', 'Holdings', 'Corp', 'Partners', 'Industries', 'Labs', 'SA', 'AG'],
  firstNames: ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Tim', 'Hedy', 'John', 'Katherine', 'Donald', 'Anita', 'Guido', 'Sophie', 'Yukihiro', 'Mary', 'Niklaus', 'Shafi', 'Leslie', 'Joan'],
  lastNames: ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee', 'Lamarr', 'McCarthy', 'Johnson', 'Knuth', 'Borg', 'van Rossum', 'Wilson', 'Matsumoto', 'Jackson', 'Wirth', 'Goldwasser', 'Lamport', 'Clarke'],
  cities: ['Berlin', 'Lisbon', 'Osaka', 'Toronto', 'Austin', 'Nairobi', 'Lyon', 'Porto', 'Seattle', 'Melbourne', 'Krakow', 'Bogotá', 'Reykjavík', 'São Paulo', 'Zürich'],
  countries: ['Germany', 'Portugal', 'Japan', 'Canada', 'United States', 'Kenya', 'France', 'Australia', 'Poland', 'Colombia', 'Iceland', 'Brazil', 'Switzerland'],
  streets: ['Main St', 'High Street', 'Rue de la Paix', 'Hauptstraße', 'Calle Mayor', 'Elm Street', 'Market Square', 'Harbour Road'],
  titles: ['CEO', 'CTO', 'VP Sales', 'Buyer', 'Engineer', 'Office Manager', 'Director, Operations', 'Analyst', 'Head of IT', 'Procurement Lead'],
  words: ['quarterly', 'renewal', 'integration', 'invoice', 'pipeline', 'contract', 'upgrade', 'shipment', 'warranty', 'onboarding', 'migration', 'license', 'support', 'pricing', 'discount', 'outage', 'escalation', 'backup', 'report', 'forecast'],
  industries: ['Agriculture', 'Banking', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Finance', 'Healthcare', 'Insurance', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Transportation'],
} as const;
