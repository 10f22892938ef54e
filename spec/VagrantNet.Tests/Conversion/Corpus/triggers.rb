Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.trigger.before :up do |trigger|
    trigger.name = "announce"
    trigger.info = "Bringing the lab up"
  end

  config.trigger.after [:up, :reload] do |t|
    t.warn = "Machine is up"
    t.run = { inline: "echo host-side" }
    t.run_remote = { inline: "uname -a" }
    t.on_error = :continue
    t.only_on = /web/
  end

  config.trigger.before :destroy, type: :command do |t|
    t.info = "never converted"
  end
end
