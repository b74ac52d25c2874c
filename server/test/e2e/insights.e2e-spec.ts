import { insightsClubSuite } from '../factories/insights-club';

// Every figure of the overview by value, for the club and per store (the club is built in the factory).
insightsClubSuite('GET /insights/overview on MariaDB');
