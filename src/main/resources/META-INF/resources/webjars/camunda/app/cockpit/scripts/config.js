// civicflow's Cockpit configuration: replaces the webjar's scripts/config.js (all of whose settings are commented
// out), to register the supervisors' map on the dashboard. Plugins are ES modules loaded from app/cockpit/.
export default {
  customScripts: ['scripts/civicflow-dashboard.js']
};
