# corpus-files: scripts/cleanup.sh scripts/net-up.sh
Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.trigger.before :up do |t|
    t.info = "Preparing the lab network"
    t.run = { inline: "./scripts/net-up.sh" }
  end

  config.trigger.after :destroy do |trigger|
    trigger.warn = "Cleaning up"
    trigger.run = { path: "scripts/cleanup.sh" }
  end
end
