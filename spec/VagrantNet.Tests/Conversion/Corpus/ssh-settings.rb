Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"
  config.ssh.username = "vagrant"
  config.ssh.forward_agent = true
  config.ssh.forward_x11 = false
  config.ssh.keep_alive = true
  config.ssh.insert_key = false
  config.vm.boot_timeout = 600
  config.vm.graceful_halt_timeout = 120
end
