# corpus-files: scripts/save.sh
Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.trigger.after :up, info: "Up and running", run_remote: { inline: "systemctl is-system-running || true" }
  config.trigger.before :halt do |t|
    t.info = "Saving state"
    t.run = { path: "scripts/save.sh", args: ["--quick"] }
    t.exit_codes = [0, 2]
  end
  config.trigger.before :all do |t|
    t.warn = "About to act"
    t.ignore = [:reload, :provision]
    t.abort = true if ENV["FREEZE"]
  end
end
